// k6/encoding: base64 of a string (UTF-8), standard alphabet.
export function b64encode(input) {
  return Buffer.from(typeof input === "string" ? input : new Uint8Array(input)).toString("base64");
}

export function b64decode(input, _encoding, format) {
  const bytes = Buffer.from(input, "base64");
  return format === "s" ? bytes.toString("utf8") : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
}

export default { b64encode, b64decode };
