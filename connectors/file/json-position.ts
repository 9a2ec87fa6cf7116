/**
 * Where a JSON text stops being JSON. V8 names the position for some syntax errors and not for others ("Unexpected
 * token 'x', … is not valid JSON"), so on failure this small scanner finds the first offending offset itself.
 */

/** The offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const blank = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const need = (char: string): void => {
    blank();
    if (text[i] !== char) throw i;
    i++;
  };
  const string = (): void => {
    need('"');
    for (;;) {
      const char = text[i];
      if (char === undefined || char < ' ') throw i;
      i++;
      if (char === '"') return;
      if (char === '\\') i++;
    }
  };
  const value = (): void => {
    blank();
    const char = text[i];
    if (char === '"') return string();
    if (char === '{' || char === '[') return container(char);
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (!literal.test(text)) throw i;
    i = literal.lastIndex;
  };
  const container = (open: '{' | '['): void => {
    const close = open === '{' ? '}' : ']';
    i++;
    blank();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (open === '{') {
        string();
        need(':');
      }
      value();
      blank();
      if (text[i] === ',') {
        i++;
        continue;
      }
      need(close);
      return;
    }
  };
  try {
    value();
    blank();
    if (i < text.length) throw i;
    return -1;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

/** 1-based line of an offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
