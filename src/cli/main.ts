#!/usr/bin/env node
import { runCli } from './program.js';
import { stdoutOutput } from './output.js';

process.exitCode = await runCli(process.argv.slice(2), { out: stdoutOutput, err: (text) => void process.stderr.write(text) });
