import { Link } from './ogc.service';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function linkList(links: Link[]): string {
  return `<ul>${links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.title ?? l.rel)}</a> <small>(${esc(l.rel)}, ${esc(l.type)})</small></li>`).join('')}</ul>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>`;
}

type Doc = Record<string, unknown> & { links?: Link[] };

/** A simple browsable page per resource (OGC API Features HTML conformance class): links, collections, feature tables. */
export function renderHtml(title: string, doc: Doc): string {
  let body = '';
  if (typeof doc.description === 'string') body += `<p>${esc(doc.description)}</p>`;
  if (Array.isArray(doc.conformsTo)) body += `<ul>${doc.conformsTo.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`;
  if (Array.isArray(doc.collections)) {
    body += `<table><tr><th>id</th><th>名称</th><th>description</th></tr>${(doc.collections as Doc[]).map((c) => {
      const items = c.links?.find((l) => l.rel === 'items' && l.type === 'text/html');
      return `<tr><td><a href="${esc(items?.href)}">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td>${esc(c.description)}</td></tr>`;
    }).join('')}</table>`;
  }
  const features = doc.type === 'FeatureCollection' ? (doc.features as Doc[]) : doc.type === 'Feature' ? [doc] : null;
  if (features) {
    if (doc.type === 'FeatureCollection') body += `<p>numberMatched: ${esc(doc.numberMatched)}, numberReturned: ${esc(doc.numberReturned)}</p>`;
    const keys = [...new Set(features.flatMap((f) => Object.keys((f.properties as object) ?? {})))];
    body += `<table><tr><th>id</th>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}<th>geometry</th></tr>${features.map((f) => {
      const props = (f.properties ?? {}) as Record<string, unknown>;
      const geom = f.geometry as { type?: string } | null;
      return `<tr><td>${esc(f.id)}</td>${keys.map((k) => `<td>${esc(props[k])}</td>`).join('')}<td>${esc(geom?.type)}</td></tr>`;
    }).join('')}</table>`;
  }
  if (doc.links) body += `<h2>Links</h2>${linkList(doc.links)}`;
  return page(title, body);
}
