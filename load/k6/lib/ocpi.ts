// OCPI pagination: `Link: <https://...?offset=50&limit=50>; rel="next"` (absolute, or resolved against the page URL).

export function nextLink(header: string | undefined, current: string): string | null {
  if (header === undefined) return null;
  for (const link of header.split(",")) {
    const match = /<([^>]*)>\s*;(.*)/.exec(link.trim());
    if (match === null) continue;
    const params = match[2].replace(/\s+/g, "");
    if (params.split(";").some((p) => p === 'rel="next"' || p === "rel=next")) return resolve(match[1], current);
  }
  return null;
}

function resolve(target: string, current: string): string {
  if (/^https?:\/\//i.test(target)) return target;
  const origin = /^(https?:\/\/[^/]+)/i.exec(current)?.[1] ?? "";
  return target.startsWith("/") ? origin + target : current.replace(/[^/]*$/, "") + target;
}
