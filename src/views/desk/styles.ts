// Styles of the desk's pages only, appended to the site's stylesheet under the same nonce.
// Fields are full width up to a readable measure, so the desk works on a 360 px phone.

export const DESK_CSS = `
.desk-nav{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;justify-content:space-between;margin:8px 0 4px;padding:6px 0;border-bottom:1px solid #d8dee4}
.desk-nav ul{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;padding:0;list-style:none}
.desk-nav a[aria-current]{font-weight:700;color:#1f2328;text-decoration:none}
.sign-out{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0}
form.desk{max-width:44rem}
.field{margin:0 0 12px}
.field label,.field legend,.label{display:block;font-weight:600;margin:0 0 3px}
.field input[type=text],.field input[type=password],.field input[type=date],.field input[type=email],.field input:not([type]),.field select,.field textarea{font:inherit;width:100%;max-width:100%;padding:6px 8px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1f2328}
.field textarea{min-height:6em;resize:vertical}
.field textarea.bulletin{min-height:14em}
.field input:focus-visible,.field select:focus-visible,.field textarea:focus-visible,button:focus-visible{outline:3px solid #0b57d0;outline-offset:1px}
.field .hint{display:block;color:#57606a;font-size:13px;margin:2px 0 0;overflow-wrap:anywhere}
.field .problem,p.problem{display:block;color:#8a1c1c;font-size:14px;font-weight:600;margin:3px 0 0}
.field [aria-invalid=true]{border-color:#8a1c1c;border-width:2px}
fieldset.field{border:1px solid #d8dee4;border-radius:8px;padding:8px 12px}
.pair{display:flex;flex-wrap:wrap;gap:8px 12px}.pair>.field{flex:1 1 12rem;min-width:0}
.choices{display:flex;flex-wrap:wrap;gap:4px 16px}.choices label{font-weight:400;display:inline-flex;gap:6px;align-items:center}
button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #0b57d0;background:#fff;color:#0b57d0;cursor:pointer}
button.primary{background:#0b57d0;color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:14px 0}
.problems{background:#fde2e1;border:1px solid #f2aaa7;border-left:6px solid #8a1c1c;border-radius:6px;padding:8px 12px;margin:8px 0}
.problems ul{margin:4px 0;padding-left:20px}
.notice{background:#dcf3e3;border:1px solid #a6d9b8;border-radius:6px;padding:8px 12px;margin:8px 0}
.refused{background:#fde2e1;border:1px solid #f2aaa7;border-radius:6px;padding:8px 12px}
.preview{background:#fff;border:1px solid #d8dee4;border-left:6px solid #0b57d0;border-radius:6px;padding:8px 12px;margin:12px 0}
.preview h2{margin-top:4px}
.preview ul{margin:4px 0;padding-left:20px}
.draft{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:8px 12px;margin:12px 0}
.draft blockquote{margin:4px 0 10px;padding:4px 10px;border-left:4px solid #c9d0d8;color:#3d444d;overflow-wrap:anywhere}
.draft .outcome{margin:6px 0}
.outcome .chips{display:inline-flex;vertical-align:middle}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px;padding:0;list-style:none}
.cards li{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:10px 12px}
.cards a{font-weight:700}
.secret{font-family:ui-monospace,monospace;font-size:13px}
`;
