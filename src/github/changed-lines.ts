// Lines a pull request adds or changes, from its files' patches (GET /repos/{owner}/{repo}/pulls/{n}/files).
import type { RequestFn } from './upload.js';

/** New-file line numbers of the `+` lines in a unified diff patch. */
export function addedLines(patch: string): Set<number> {
  const out = new Set<number>();
  let line = 0;
  for (const text of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (line === 0) continue;
    if (text.startsWith('+')) out.add(line++);
    else if (text.startsWith('-') || text.startsWith('\\')) continue;
    else line++;
  }
  return out;
}

/** path → added or changed lines, for every file of the pull request (the API lists at most 3,000 files). */
export async function pullRequestChangedLines(request: RequestFn, owner: string, repo: string, pullNumber: number): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (let page = 1; page <= 30; page++) {
    const r = await request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner, repo, pull_number: pullNumber, per_page: 100, page });
    const files = r.data as { filename: string; patch?: string; status?: string }[];
    for (const f of files) if (f.patch !== undefined) out.set(f.filename, addedLines(f.patch));
    if (files.length < 100) break;
  }
  return out;
}
