import highlight from '@comark/nuxt/plugins/highlight';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
import json from 'shiki/langs/json.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import shellscript from 'shiki/langs/shellscript.mjs';
import python from 'shiki/langs/python.mjs';
import diff from 'shiki/langs/diff.mjs';
import sql from 'shiki/langs/sql.mjs';
import xml from 'shiki/langs/xml.mjs';
import ini from 'shiki/langs/ini.mjs';
import toml from 'shiki/langs/toml.mjs';
import csv from 'shiki/langs/csv.mjs';
import { markdownSafety, type ComarkPlugin } from './markdown-safety.ts';

/**
 * The parser plugins of an answer: the safety pass first (so the highlighter only ever sees clean blocks), then
 * highlighting of code blocks in the languages a NetBox answer uses (configs, API payloads, scripts), bundled,
 * never fetched, and loaded with the first answer. Code in any other language shows unhighlighted.
 */
export function answerPlugins(netboxUrl: string | null | undefined): ComarkPlugin[] {
  return [
    markdownSafety({ netboxUrl: netboxUrl ?? null }),
    highlight({
      registerDefaultLanguages: false,
      registerDefaultThemes: false,
      themes: { light: githubLight, dark: githubDark },
      languages: [json, yaml, shellscript, python, diff, sql, xml, ini, toml, csv],
    }) as ComarkPlugin,
  ];
}
