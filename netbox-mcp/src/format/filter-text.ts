/** The filters as the model gave them, one short phrase: `status=active, site=CHI-DC1`. */
export function filterText(filters: Readonly<Record<string, unknown>> | undefined): string {
  const parts = Object.entries(filters ?? {}).map(([key, value]) => `${key}=${Array.isArray(value) ? value.map(String).join(',') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
  return parts.join(', ');
}
