/** Merges the services' OpenAPI fragments into the one public document. Pure. */
export interface Fragment {
  service: string;
  paths: Record<string, unknown>;
  components: Record<string, Record<string, unknown>>;
}

export function mergeOpenApi(fragments: Fragment[], version: string): Record<string, unknown> {
  const components: Record<string, Record<string, unknown>> = {};
  for (const fragment of fragments) {
    for (const [section, entries] of Object.entries(fragment.components)) {
      components[section] = { ...components[section], ...entries };
    }
  }
  const sorted = [...fragments].sort((a, b) => a.service.localeCompare(b.service));
  return {
    openapi: '3.1.0',
    info: {
      title: 'HealthSync API',
      version,
      description:
        'The public API of HealthSync, served by the gateway. Errors are RFC 9457 problem+json with a stable `code`. ' +
        'Protected operations need `Authorization: Bearer <access token>` from /api/auth.',
    },
    servers: [{ url: '/' }],
    tags: sorted.map((f) => ({ name: f.service })),
    paths: Object.assign({}, ...sorted.map((f) => f.paths)),
    components,
  };
}
