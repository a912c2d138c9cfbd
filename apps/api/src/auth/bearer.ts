/** RFC 7235: the scheme name is case-insensitive (`Bearer`, `bearer`, `BEARER`); RFC 6750 token68 characters of a JWT. */
const BEARER = /^bearer +([A-Za-z0-9_.-]+) *$/i;

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is missing or is not
 * one. The one reading of the header: authentication and the limits per caller must never disagree on it.
 */
export const bearerToken = (header: string | undefined): string | undefined => (header === undefined ? undefined : BEARER.exec(header)?.[1]);
