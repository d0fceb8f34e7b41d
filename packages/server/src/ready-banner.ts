/** What someone who just started Haru needs to know: where to open it, where apps connect, who may sign up. */
export function readyBanner(options: { url: string; withApp: boolean; signup: string }): string {
  const api = `${options.url}/v1`;
  const lines = options.withApp
    ? [`Haru is ready: open ${options.url}`, `Apps using the Assistants API connect to ${api}`]
    : [`Haru's gateway is ready: point Assistants apps at ${api}`];
  return `\n${[...lines, options.signup].map((line) => `  ${line}`).join('\n')}\n`;
}
