// The one stylesheet, inlined into each page under the CSP nonce: a page is a single request,
// and at ~6 KB it costs less than a second round trip. System fonts only: no font download,
// and Vietnamese diacritics render in every system UI font.
// Colours: text on chip backgrounds is at least 7:1; bars and lines at least 3:1 on white.

export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{color-scheme:light;-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
a:focus-visible,summary:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.wrap{max-width:1240px;margin:0 auto;padding:0 16px}
.skip{position:absolute;left:-999px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;margin:0}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
header.site{background:#14213d;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:baseline;justify-content:space-between;padding-top:10px;padding-bottom:10px}
header.site a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:18px}
.tagline{color:#c9d1e0;font-size:13px;margin:0;flex:1 1 240px}
.langs{display:flex;gap:10px;font-size:14px}
.langs a{color:#fff;text-decoration:underline;text-underline-offset:3px}
.langs a[aria-current]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
main{padding:12px 0 32px}
.fresh{margin:0 0 4px}
h1{font-size:22px;line-height:1.3;margin:4px 0 8px}
h2{font-size:18px;margin:24px 0 8px}
.muted{color:#57606a;font-size:13px}
.card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:12px 14px;margin:12px 0}
.summary{display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center;margin:0;padding:0;list-style:none}
.summary .total{font-weight:700;margin-right:4px}
.summary a{text-decoration:none}
.filters p{margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
.filters b{font-weight:600;min-width:5.5em}
.filters a[aria-current]{font-weight:700;color:#1f2328;text-decoration:none}
.chip{display:inline-flex;align-items:center;gap:5px;white-space:nowrap;border-radius:999px;padding:1px 9px 1px 7px;font-size:13px;font-weight:600;border:1px solid transparent}
.chip::before{content:"";flex:none;width:.8em;height:.8em;background:currentColor}
.summary a[aria-current] .chip{outline:2px solid currentColor;outline-offset:1px}
.t-good{background:#dcf3e3;color:#0f5132;border-color:#a6d9b8}
.t-warn{background:#fff1cc;color:#6b4100;border-color:#f0cf7a}
.t-bad{background:#fde2e1;color:#8a1c1c;border-color:#f2aaa7}
.t-none{background:#eceff3;color:#3d444d;border-color:#c9d0d8}
.s-achieved::before{clip-path:polygon(12% 48%,0 64%,40% 100%,100% 22%,86% 8%,40% 70%)}
.s-ahead::before{clip-path:polygon(50% 0,100% 100%,0 100%)}
.s-on_track::before{border-radius:50%}
.s-at_risk::before{clip-path:polygon(50% 0,100% 50%,50% 100%,0 50%)}
.s-off_track::before{clip-path:polygon(0 0,100% 0,50% 100%)}
.s-missed::before{clip-path:polygon(20% 0,50% 30%,80% 0,100% 20%,70% 50%,100% 80%,80% 100%,50% 70%,20% 100%,0 80%,30% 50%,0 20%)}
.s-period_over::before{border-radius:1px}
.s-no_data::before{background:none;border:2px solid currentColor;border-radius:50%}
.s-stale::before{clip-path:polygon(0 0,100% 0,58% 50%,100% 100%,0 100%,42% 50%)}
.chips{display:flex;flex-wrap:wrap;gap:4px}
.timeline{padding-left:20px}.timeline li{margin:4px 0}.timeline .chips{display:inline-flex;vertical-align:middle}
table{border-collapse:collapse;width:100%;background:#fff}
caption{text-align:left;font-size:13px;color:#57606a;padding:0 0 6px;caption-side:top}
th,td{padding:8px;border-bottom:1px solid #e3e7eb;text-align:left;vertical-align:top}
thead th{font-size:12px;font-weight:600;color:#57606a;border-bottom:2px solid #d0d7de;vertical-align:bottom}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
tbody th{font-weight:600}
tbody th a{text-decoration:none}
tbody th a:hover{text-decoration:underline}
.sub{display:block;font-weight:400;color:#57606a;font-size:13px}
.bar{display:block;width:100%;min-width:80px;height:12px;margin-top:4px}
.bar .track{fill:#e3e7eb}
.bar .t-good{fill:#1e7b45}
.bar .t-warn{fill:#a15c00}
.bar .t-bad{fill:#c0322b}
.bar .t-none{fill:#6b7280}
.bar .mark{stroke:#1f2328;stroke-width:2}
.src{font-size:13px;color:#57606a;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
.asof{display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-size:14px}
.asof input{font:inherit;padding:2px 4px}
.asof button{font:inherit;padding:2px 10px}
footer.site{border-top:1px solid #d8dee4;padding:14px 0 28px;font-size:13px;color:#57606a}
footer.site p{margin:4px 0}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:0}
dl.figures div{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:8px 10px}
dl.figures dt{font-size:12px;color:#57606a}
dl.figures dd{margin:2px 0 0;font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}
dl.figures dd small{display:block;font-size:12px;font-weight:400;color:#57606a}
.warning{background:#fff8e1;border:1px solid #e7c25d;border-left:6px solid #a15c00;border-radius:6px;padding:8px 12px;margin:8px 0}
figure.chart{margin:0}
.chart svg{display:block;width:100%;min-width:440px;max-width:780px;height:auto}
.chart text{font-size:12px;fill:#3d444d}
.chart .axis{stroke:#8c959f}
.chart .grid{stroke:#e3e7eb}
.chart .path{stroke:#57606a;stroke-width:2;stroke-dasharray:6 4;fill:none}
.chart .target{stroke:#8a1c1c;stroke-width:1.5;stroke-dasharray:2 3}
.chart .actual{stroke:#0b57d0;stroke-width:3;fill:none}
.chart .dot{fill:#0b57d0;stroke:#fff;stroke-width:1.5}
.chart .proj{stroke:#0b57d0;stroke-width:2;stroke-dasharray:7 5;fill:none}
.chart .pdot{fill:#fff;stroke:#0b57d0;stroke-width:2}
.chart .asof{stroke:#a15c00;stroke-width:1.5}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin:6px 0 0;padding:0;list-style:none}
.legend li::before{content:"";display:inline-block;width:22px;height:0;margin-right:6px;vertical-align:middle;border-top:3px solid #0b57d0}
.legend .l-path::before{border-top:2px dashed #57606a}
.legend .l-proj::before{border-top:2px dashed #0b57d0}
.legend .l-target::before{border-top:2px dotted #8a1c1c}
.legend .l-asof::before{border-top:2px solid #a15c00}
tr.old td{color:#57606a}
.method{max-width:75ch}
code{font-size:13px;background:#eef1f4;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
@media (max-width:760px){
  table.stack caption{display:block;text-align:left}
  td.num{white-space:normal}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:100%}
  table.stack tr{border-bottom:2px solid #d0d7de;padding:6px 0}
  table.stack th,table.stack td{border:0;padding:3px 8px}
  table.stack td{display:grid;grid-template-columns:8.5em 1fr;gap:8px;text-align:left}
  table.stack td::before{content:attr(data-label);font-size:12px;color:#57606a}
  table.stack td.num{text-align:left}
  h1{font-size:19px}
}
`;
