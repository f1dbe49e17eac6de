/** The Help Center's only static assets: one stylesheet (brand colours come in as CSS variables) and instant search. */
export const HC_CSS = `*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:#1b1f24;background:#fff}
body{margin:0}
a{color:var(--brand)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.hc-wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.hc-skip{position:absolute;left:-999px;top:0;background:#fff;color:#000;padding:.5rem 1rem;z-index:10}
.hc-skip:focus{left:1rem}
.hc-header{background:var(--brand);color:#fff;padding:.75rem 0 1.25rem}
.hc-header a{color:#fff}
.hc-bar{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem}
.hc-home{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.15rem;text-decoration:none}
.hc-locales ul{list-style:none;display:flex;gap:.75rem;margin:0;padding:0}
.hc-locales a[aria-current]{font-weight:700;text-decoration:underline}
.hc-search{margin-top:.75rem;position:relative}
.hc-search label{display:block;font-weight:600;margin-bottom:.25rem}
.hc-search-row{display:flex;gap:.5rem}
.hc-search input{flex:1;font:inherit;padding:.6rem .75rem;border:2px solid #fff;border-radius:6px;min-width:0;color:#1b1f24}
.hc-search button,.hc-feedback button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:2px solid currentColor;background:#fff;color:#1b1f24;cursor:pointer}
.hc-header .hc-muted{color:#fff}
.hc-instant{background:#fff;color:#1b1f24;border-radius:6px;margin-top:.25rem}
.hc-instant:empty{display:none}
.hc-instant ul{list-style:none;margin:0;padding:.25rem 0}
.hc-instant a{display:block;padding:.4rem .75rem;color:var(--brand)}
.hc-instant p{margin:0;padding:.5rem .75rem}
main{padding:1.25rem 1rem 2rem;display:block}
.hc-lead{font-size:1.1rem}
.hc-muted{color:#545b64;font-size:.92rem}
.hc-grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.hc-card{border:1px solid #c9ced6;border-radius:8px;padding:1rem}
.hc-card h3{margin-top:0}
.hc-list li,.hc-card li{margin:.3rem 0}
.hc-crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0 0 1rem}
.hc-crumbs li+li::before{content:"›";margin-right:.25rem;color:#545b64}
.hc-article{max-width:46rem}
.hc-body img{max-width:100%;height:auto}
.hc-body pre{background:#f3f4f6;padding:.75rem;overflow:auto;border-radius:6px}
.hc-body table{border-collapse:collapse}.hc-body th,.hc-body td{border:1px solid #c9ced6;padding:.35rem .6rem}
.hc-note{background:#fff7d6;border-left:4px solid #8a6d00;padding:.5rem .75rem}
.hc-feedback{border-top:1px solid #c9ced6;margin-top:2rem;padding-top:1rem}
.hc-feedback fieldset{border:0;padding:0;margin:0}.hc-feedback legend{font-weight:600;margin-bottom:.5rem}
.hc-feedback textarea{display:block;width:100%;max-width:36rem;font:inherit;margin:.25rem 0 .5rem;padding:.5rem;border:1px solid #6b7280;border-radius:6px}
.hc-results{padding-left:1.25rem}.hc-results h2{font-size:1.1rem;margin:.9rem 0 .2rem}.hc-results p{margin:0}
mark{background:#fff0a8;color:inherit}
.hc-facets ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;padding:0}
.hc-facets a[aria-current]{font-weight:700}
.hc-footer{border-top:1px solid #c9ced6;padding:1rem 0;margin-top:2rem}
.hc-visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export const HC_JS = `(function(){
  var form=document.querySelector('form.hc-search');if(!form||!window.fetch)return;
  var input=form.querySelector('input[name=q]'),box=document.getElementById('hc-instant'),url=form.getAttribute('data-instant'),timer=0,seq=0;
  function esc(s){return String(s).replace(/[&<>"']/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]})}
  function show(q){var my=++seq;if(q.trim().length<2){box.innerHTML='';return}
    fetch(url+'?q='+encodeURIComponent(q),{headers:{accept:'application/json'}}).then(function(r){return r.json()}).then(function(d){
      if(my!==seq)return;
      if(!d.hits||!d.hits.length){box.innerHTML='<p>'+esc(d.empty||'')+'</p>';return}
      box.innerHTML='<ul>'+d.hits.map(function(h){return '<li><a href="'+esc(h.url)+'">'+esc(h.title)+'</a></li>'}).join('')+'</ul>';
    }).catch(function(){});}
  input.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){show(input.value)},150)});
  input.addEventListener('keydown',function(e){if(e.key==='Escape'){box.innerHTML=''}});
})();
`;
