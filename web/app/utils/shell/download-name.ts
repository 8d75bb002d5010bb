/**
 * The file name in a Content-Disposition header (`attachment; filename="x.md"` or RFC 5987 `filename*=`),
 * reduced to a safe name; `fallback` when there is none.
 */
export function fileNameFrom(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(contentDisposition)?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition)?.[1];
  let name = extended ?? plain;
  if (!name) return fallback;
  try {
    if (extended) name = decodeURIComponent(name.trim());
  } catch {
    return fallback;
  }
  const safe = name
    .replace(/[/\\]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return safe && safe !== '.' && safe !== '..' ? safe : fallback;
}
