#!/usr/bin/env node
import { runCli } from './cli/run-cli';

runCli().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
