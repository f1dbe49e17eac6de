import type { FastifyInstance } from 'fastify';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard API reference</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>Switchboard API</h1><p>OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<input id="filter" placeholder="Filter operations…" autofocus></header><main id="ops">Loading…</main><script src="/api/docs.js"></script></body></html>`;

const CSS = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1d2330}header{padding:16px 24px;background:#f4f6fa;border-bottom:1px solid #dde2ea}
h1{margin:0 0 4px}#filter{width:100%;max-width:480px;padding:6px 8px}main{padding:8px 24px}details{border:1px solid #dde2ea;border-radius:6px;margin:6px 0}
summary{padding:8px;cursor:pointer}.m{display:inline-block;width:64px;font-weight:700}.GET{color:#1a7f37}.POST{color:#0b5cad}.PATCH{color:#9a6700}.DELETE{color:#cf222e}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:400px;margin:4px 8px 8px}h2{margin:18px 0 4px;font-size:16px}`;

const JS = `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{const main=document.getElementById('ops');main.textContent='';
const byTag={};for(const [p,ops] of Object.entries(doc.paths||{}))for(const [m,op] of Object.entries(ops)){const t=(op.tags||['Other'])[0];(byTag[t]=byTag[t]||[]).push({p,m:m.toUpperCase(),op})}
for(const [tag,list] of Object.entries(byTag)){const h=document.createElement('h2');h.textContent=tag;main.appendChild(h);
for(const {p,m,op} of list){const d=document.createElement('details');d.dataset.k=(m+' '+p+' '+(op.summary||'')).toLowerCase();const s=document.createElement('summary');
const b=document.createElement('span');b.className='m '+m;b.textContent=m;s.appendChild(b);s.appendChild(document.createTextNode(p+' — '+(op.summary||'')));d.appendChild(s);
const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody,responses:op.responses},null,2);d.appendChild(pre);main.appendChild(d)}}
document.getElementById('filter').addEventListener('input',e=>{const q=e.target.value.toLowerCase();for(const d of main.querySelectorAll('details'))d.style.display=d.dataset.k.includes(q)?'':'none'})});`;

export function registerDocsRoutes(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html').header('content-security-policy', "default-src 'self'").send(PAGE));
  app.get('/api/docs.css', { schema: { hide: true } }, async (_req, reply) => reply.type('text/css').send(CSS));
  app.get('/api/docs.js', { schema: { hide: true } }, async (_req, reply) => reply.type('application/javascript').send(JS));
}
