/** Numeric option parsers: a value that is not a whole number in range is a usage error (exit 2), never NaN. */
import { InvalidArgumentError } from 'commander';

export function wholeNumber(min: number): (value: string) => number {
  return (value: string): number => {
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
    if (n < min) throw new InvalidArgumentError(`${n} is below the minimum of ${min}.`);
    return n;
  };
}
