/** The public page's paths (issue 17): the agency's page and each published round's. Shared by the pages and the services. */
export function publicPagePaths(slug: string) {
  const base = `/agency/${encodeURIComponent(slug)}`;
  return { agency: base, round: (roundId: number) => `${base}/rounds/${roundId}` };
}
