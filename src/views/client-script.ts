// The only script on the pages, inlined under the CSP nonce. It keeps an open page current:
// it asks /api/status whether anything changed (If-None-Match: an unchanged answer is a 304
// from one tiny query) and reloads when the data version, or the day it is evaluated for,
// moves. The server-rendered page stays the single source of what is shown. It also
// refreshes the "5 minutes ago" texts (under a minute the server's "just now" stays).
// Everything works without it.
//
// Reads from <body>: data-poll (URL to poll), data-etag (the ETag the page was rendered at),
// data-version (data_version), data-as-of and data-pinned ("1" when ?as_of= fixed the date).

export const POLL_SECONDS = 15;

export const CLIENT_SCRIPT = `(()=>{
const d=document,b=d.body.dataset,url=b.poll;
const units=[["year",31536e3],["month",2592e3],["day",86400],["hour",3600],["minute",60]];
const rtf=new Intl.RelativeTimeFormat(d.documentElement.lang,{numeric:"auto"});
const ago=()=>{for(const el of d.querySelectorAll("time[data-ago]")){
const s=Math.max(0,(Date.now()-Date.parse(el.dateTime))/1e3);
const u=units.find(([,n])=>s>=n);if(u)el.textContent=rtf.format(-Math.floor(s/u[1]),u[0]);}};
setInterval(ago,6e4);
if(!url)return;
let etag=b.etag,busy=false;
const check=async()=>{
if(busy||d.hidden)return;busy=true;
try{const r=await fetch(url,{headers:{"If-None-Match":etag},cache:"no-store"});
if(r.ok){const body=await r.json();
if(String(body.data_version)!==b.version||(b.pinned!=="1"&&body.as_of!==b.asOf)){location.reload();return;}
etag=r.headers.get("ETag")||etag;}}catch{}finally{busy=false;}};
const live=d.getElementById("live");if(live)live.hidden=false;
setInterval(check,${POLL_SECONDS}e3);
d.addEventListener("visibilitychange",check);
})();`;
