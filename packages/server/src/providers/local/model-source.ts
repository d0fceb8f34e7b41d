import { basename, isAbsolute, resolve } from 'node:path';

/** Where a local model comes from: a file on this machine, or a URL to download it from once. */
export type ModelSource = { kind: 'file'; path: string } | { kind: 'download'; url: URL; fileName: string };

/**
 * Reads `path/to/model.gguf`, `hf:owner/repo/file.gguf` (a file in a Hugging Face repository, optionally
 * `hf:owner/repo@revision/dir/file.gguf`), or an http(s) URL.
 */
export function modelSource(model: string, cwd = process.cwd()): ModelSource {
  if (model.startsWith('hf:')) {
    const match = model.slice(3).match(/^([^/@\s]+)\/([^/@\s]+)(?:@([^/\s]+))?\/(\S+\.gguf)$/i);
    if (!match) {
      throw new Error(`'${model}' is not a Hugging Face file: use hf:owner/repo/file.gguf`);
    }
    const [, owner, repo, revision, file] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    const url = new URL(`https://huggingface.co/${owner}/${repo}/resolve/${revision ?? 'main'}/${file}`);
    return { kind: 'download', url, fileName: basename(file) };
  }
  if (/^https?:\/\//i.test(model)) {
    const url = new URL(model);
    return { kind: 'download', url, fileName: basename(url.pathname) || 'model.gguf' };
  }
  return { kind: 'file', path: isAbsolute(model) ? model : resolve(cwd, model) };
}
