/** A LIKE/ILIKE pattern matching `text` literally (its %, _ and \ escaped), anywhere or as a prefix. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}
