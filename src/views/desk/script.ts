// The desk's script, inlined under the page's CSP nonce beside the site's. Every form works
// without it; with it, a form checks itself when a field changes (the server answers the
// same page it would for "Check", and only its preview and list of problems are swapped in),
// the save button of a bulletin counts the drafts ticked, a period typed in words fills in its
// dates (and typing a date clears the words, which would otherwise win), and a new token has
// a copy button.
// It talks only to this origin (connect-src 'self'). The forms' buttons are named "action",
// which shadows form.action, so the URL is read from the attribute. The answer's own style and
// script are dropped before it is parsed: they carry another response's nonce.

export const DESK_SCRIPT = `(()=>{
const d=document;
for(const form of d.querySelectorAll("form[data-live]")){
let timer=0,seq=0;
const check=async()=>{
const n=++seq,data=new FormData(form);data.set("action","preview");
try{const r=await fetch(form.getAttribute("action")||location.href,{method:"POST",body:data,credentials:"same-origin"});
if(n!==seq)return;const html=(await r.text()).replace(/<(style|script)[^>]*>[\\s\\S]*?<\\/\\1>/g,"");
const doc=new DOMParser().parseFromString(html,"text/html");
for(const id of ["live-problems","preview"]){const now=d.getElementById(id),next=doc.getElementById(id);
if(now&&next)now.replaceWith(next);}
for(const name of ["period_start","period_end"]){const mine=form.elements.namedItem(name),theirs=doc.querySelector('[name="'+name+'"]');
if(mine&&theirs&&!mine.value&&theirs.value)mine.value=theirs.value;}}catch{}};
form.addEventListener("change",()=>{clearTimeout(timer);timer=setTimeout(check,400);});
}
for(const date of d.querySelectorAll('input[name$="period_start"],input[name$="period_end"]')){
date.addEventListener("input",()=>{const words=date.form&&date.form.elements.namedItem(date.name.replace(/period_(start|end)$/,"period"));if(words)words.value="";});}
const count=d.querySelector("[data-selected]");
if(count){const boxes=[...d.querySelectorAll("input[data-include]")];
const update=()=>{count.textContent=String(boxes.filter(b=>b.checked).length);};
for(const b of boxes)b.addEventListener("change",update);update();}
for(const button of d.querySelectorAll("button[data-copy]")){button.hidden=false;
button.addEventListener("click",async()=>{const field=d.getElementById(button.dataset.copy);
if(field){field.select();try{await navigator.clipboard.writeText(field.value);button.textContent="✓";}catch{}}});}
})();`;
