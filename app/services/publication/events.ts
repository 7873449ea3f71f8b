/**
 * Who hears that an agency's publication changed, in this process, after the change is committed.
 *
 * The public page's cache (app/server/public-page-cache.server.ts) listens to drop the agency's pages at
 * once (the other processes see the new version on their next view: docs/decisions/public-page.md). An
 * event outbox for e-mail and webhooks (issue 17, items 2 and 3) can listen here too: the event says which
 * agency, which round and what became public or stopped being so.
 */

export interface PublicationChange {
  organizationId: number;
  slug: string;
  /** The publication's version after the change. */
  version: number;
  /** "published": something became public that was not; "unpublished": the last of it came down; "changed": other. */
  kind: "published" | "unpublished" | "changed";
  /** The round whose parts changed; null for the agency's complaint statistics or everything at once. */
  roundId: number | null;
  /** Whether anything of the agency is public after the change. */
  anythingPublic: boolean;
}

type Listener = (change: PublicationChange) => void;

const listeners = new Set<Listener>();

/** Calls `listener` after every committed change of any agency's publication; returns a function that stops it. */
export function onPublicationChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; one listener's failure does not keep the others from hearing. */
export function publicationChanged(change: PublicationChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error("publication listener failed", error);
    }
  }
}
