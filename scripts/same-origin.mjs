// CSRF defence for the admin pages, on top of SameSite=Lax session cookies: a browser sends an Origin
// header with every cross-site POST, so a state-changing request whose Origin names another host is refused.
// Requests without Origin (non-browser clients, which carry no victim's cookies) pass.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a request must be refused: an unsafe method whose Origin host differs from the host the client
 * addressed (Host, or X-Forwarded-Host behind a trusted proxy). Survey submissions (/s/…) are public and exempt.
 */
export function isCrossSiteWrite({ method, path, origin, host, forwardedHost }) {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return false;
  if (path && path.startsWith("/s/")) return false;
  if (!origin) return false;
  if (origin === "null") return true;
  let originHost;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return true;
  }
  const hosts = [host, ...(forwardedHost ? forwardedHost.split(",") : [])].filter(Boolean).map((h) => h.trim().toLowerCase());
  return !hosts.includes(originHost);
}
