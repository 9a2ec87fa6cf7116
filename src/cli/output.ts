/** Where commands print what a person asked to see (stdout). Logs go to stderr through the logger. */
export interface Output {
  print(text: string): void;
}

export const stdoutOutput: Output = {
  print: (text) => {
    if (text !== '') process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  },
};

/** Collects printed text (tests). */
export function bufferOutput(): Output & { text(): string } {
  const chunks: string[] = [];
  return { print: (t) => void chunks.push(t), text: () => chunks.join('\n') };
}
