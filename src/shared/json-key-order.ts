/**
 * The order of an object's keys as written in a JSON text. `JSON.parse` keeps insertion order,
 * except that keys that look like array indices ("1", "20") come first in numeric order; jsonb keeps
 * an order of its own. Where the order a sender wrote carries meaning (an agency's remittance
 * statement sent as an object), it is read from the text itself.
 */

/** The keys, in written order, of the object at `path` (member names from the top-level object), or null when there is none. */
export function jsonKeyOrder(text: string, path: readonly string[]): string[] | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') {
      string();
      return;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          string();
          ws();
          i++; // colon
        }
        skipValue();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // close
        return;
      }
    }
    while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++; // number, true, false, null
  };
  /** At an object: its keys in order, descending into `rest` when given. */
  const keysOf = (rest: readonly string[]): string[] | null => {
    ws();
    if (text[i] !== '{') return null;
    i++;
    const keys: string[] = [];
    let found: string[] | null = null;
    ws();
    if (text[i] === '}') return rest.length === 0 ? keys : null;
    for (;;) {
      ws();
      if (text[i] !== '"') return null;
      const key = string();
      ws();
      i++; // colon
      if (rest.length > 0 && key === rest[0]) {
        const start = i;
        found = keysOf(rest.slice(1));
        i = start;
      }
      skipValue();
      keys.push(key);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    return rest.length === 0 ? keys : found;
  };
  try {
    return keysOf(path);
  } catch {
    return null;
  }
}
