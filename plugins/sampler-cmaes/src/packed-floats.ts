/**
 * Float64 arrays as text for stored states: base64 of the little-endian IEEE 754 bytes.
 * Lossless (-0 and non-finite values included, which JSON numbers are not) and about 10.7
 * characters a number, where a JSON number of a computed double takes 18 to 24.
 */
export function packFloat64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/** The numbers `packFloat64` packed, or null if `text` is not such a packing. */
export function unpackFloat64(text: unknown): number[] | null {
  if (typeof text !== 'string') return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % 8 !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
}
