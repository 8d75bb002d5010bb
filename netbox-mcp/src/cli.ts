#!/usr/bin/env node
import { enableCompileCache } from 'node:module';

// MCP clients start this process for every session: with V8's code cache on disk, every start after the first
// skips compiling what it loads. Enabled before anything else is imported, so that all of it is cached.
enableCompileCache();
await import('./cli-main.ts');
