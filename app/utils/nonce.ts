// The CSP nonce of the current request, for the inline scripts Remix and React render (app/utils/csp.ts).
// entry.server.tsx provides it around <RemixServer/>; on the client it is "" — scripts rendered after hydration
// are not parsed from HTML, so they need none, and browsers hide the attribute's value from the DOM anyway.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");

/** The nonce of this response on the server, "" in the browser and in dev (no policy there). */
export function useNonce(): string {
  return useContext(NonceContext);
}
