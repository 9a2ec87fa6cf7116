/**
 * Just enough XML for SOAP envelopes: elements, attributes, text with entities, CDATA, comments and the XML
 * declaration. Names keep their prefixes; lookups use the local name, so any namespace prefix works.
 */

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export class XmlSyntaxError extends Error {}

export function parseXml(source: string): XmlNode {
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<', i);
    const top = stack[stack.length - 1] as XmlNode;
    if (open === -1) {
      top.text += decodeEntities(source.slice(i));
      break;
    }
    top.text += decodeEntities(source.slice(i, open));
    if (source.startsWith('<?', open)) i = source.indexOf('?>', open) + 2;
    else if (source.startsWith('<!--', open)) i = source.indexOf('-->', open) + 3;
    else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open);
      top.text += source.slice(open + 9, end);
      i = end + 3;
    } else if (source.startsWith('</', open)) {
      const end = source.indexOf('>', open);
      const name = source.slice(open + 2, end).trim();
      if (top.name !== name) throw new XmlSyntaxError(`unexpected </${name}>, expected </${top.name}>`);
      stack.pop();
      i = end + 1;
    } else {
      const end = source.indexOf('>', open);
      if (end === -1) throw new XmlSyntaxError('unterminated tag');
      const selfClosing = source.charAt(end - 1) === '/';
      const inner = source.slice(open + 1, selfClosing ? end - 1 : end).trim();
      const nameMatch = /^[^\s/>]+/.exec(inner);
      if (nameMatch === null) throw new XmlSyntaxError('missing element name');
      const node: XmlNode = { name: nameMatch[0], attributes: {}, children: [], text: '' };
      for (const attr of inner.slice(nameMatch[0].length).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        node.attributes[attr[1] as string] = decodeEntities(attr[3] ?? attr[4] ?? '');
      }
      top.children.push(node);
      if (!selfClosing) stack.push(node);
      i = end + 1;
    }
    if (i <= 0) throw new XmlSyntaxError('unterminated markup');
  }
  if (stack.length !== 1) throw new XmlSyntaxError(`unclosed <${(stack[stack.length - 1] as XmlNode).name}>`);
  return root;
}

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => localName(c.name) === name);
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => localName(c.name) === name);
}

/** An element's content as plain data: text for a leaf, an object for nested elements, arrays for repeats. */
export function toPlain(node: XmlNode): unknown {
  if (node.children.length === 0) return node.attributes['xsi:nil'] === 'true' ? null : node.text.trim();
  const out: Record<string, unknown> = {};
  for (const c of node.children) {
    const key = localName(c.name);
    const value = toPlain(c);
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** Plain data back to elements (arrays repeat the element; `@attr` keys become attributes). */
export function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('');
  if (value === null || value === undefined) return `<${name} xsi:nil="true"/>`;
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  const entries = Object.entries(value as Record<string, unknown>);
  const attrs = entries.filter(([k]) => k.startsWith('@')).map(([k, v]) => ` ${k.slice(1)}="${escapeXml(String(v))}"`).join('');
  const body = entries.filter(([k]) => !k.startsWith('@')).map(([k, v]) => toXml(k, v)).join('');
  return `<${name}${attrs}>${body}</${name}>`;
}
