/** A self-contained, readable API reference rendered from the gateway's own OpenAPI document. */

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema?: SchemaObject;
    description?: string;
  }>;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }>;
}

interface OpenAPIDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

export function renderReferencePage(doc: OpenAPIDocument): string {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (schema: SchemaObject | undefined): SchemaObject | undefined =>
    schema?.$ref ? schemas[schema.$ref.split('/').pop() ?? ''] : schema;
  const typeName = (schema: SchemaObject | undefined): string => {
    if (!schema) return 'any';
    if (schema.$ref) return schema.$ref.split('/').pop() ?? 'object';
    if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) return variants.map(typeName).join(' | ');
    if (schema.type === 'array') return `${typeName(schema.items)}[]`;
    return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  };
  const fields = (schema: SchemaObject | undefined) => {
    const resolved = resolve(schema);
    const properties = Object.entries(resolved?.properties ?? {});
    if (properties.length === 0) return schema ? `<p><code>${escapeHtml(typeName(schema))}</code></p>` : '';
    const rows = properties.map(([name, prop]) => {
      const required = resolved?.required?.includes(name) ? ' <em>required</em>' : '';
      return `<tr><td><code>${escapeHtml(name)}</code>${required}</td><td><code>${escapeHtml(typeName(prop))}</code></td><td>${escapeHtml(resolve(prop)?.description ?? '')}</td></tr>`;
    });
    return `<table>${rows.join('')}</table>`;
  };

  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''}): <code>${escapeHtml(typeName(p.schema))}</code> ${escapeHtml(p.description ?? p.schema?.description ?? '')}</li>`,
        )
        .join('');
      const body = op.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><code>${status}</code> ${escapeHtml(r.description ?? '')}</li>`)
        .join('');
      const section = `<section><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}${op.description ? ` — ${escapeHtml(op.description)}` : ''}</p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${body ? `<h4>Request body</h4>${fields(body)}` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
    }
  }
  const nav = [...byTag.keys()]
    .map((tag) => `<a href="#${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ');
  const groups = [...byTag].map(
    ([tag, sections]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${sections.join('')}`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} API reference</title><style>
body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#151515}table td{border-color:#333}}
section{border-top:1px solid #8884;padding:.5rem 0}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
.method{font:600 .8rem monospace;padding:.1rem .4rem;border-radius:4px;color:#fff;background:#555}.post{background:#2f6f3e}.get{background:#1f5c99}.delete{background:#a33}
</style></head><body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p><nav>${nav}</nav>
${groups.join('\n')}</body></html>`;
}
