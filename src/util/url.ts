/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may reach by default. */
export const isLoopbackUrl = (url: URL): boolean => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
};

/** A URL safe to print: no credentials, no query values that could hold secrets are kept verbatim. */
export const toDisplayUrl = (url: string | URL): string => {
  const copy = new URL(url.toString());
  copy.username = '';
  copy.password = '';
  return copy.toString();
};
