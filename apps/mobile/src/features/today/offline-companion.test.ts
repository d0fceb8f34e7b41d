import type { Message } from '@haru/client';
import { offlineCompanion, shownText } from './offline-companion';

const note =
  "(One honest note: I am Haru's simple built-in stand-in, not a language model, so I only catch the gist. Whoever runs this Haru can connect a real model by setting OPENAI_API_KEY or adding one to haru.config.json.)";

const reply = (text: string, generatedBy = offlineCompanion): Message =>
  ({
    id: 'msg_1',
    role: 'assistant',
    status: 'in_progress',
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    metadata: { generated_by: generatedBy },
  }) as unknown as Message;

describe('the text shown of a reply from the built-in companion', () => {
  it('leaves out the companion’s note about itself, which the app’s notice says once instead', () => {
    expect(shownText(reply(`That sounds like fun. ${note} What did you eat?`))).toBe(
      'That sounds like fun. What did you eat?',
    );
    expect(
      shownText(
        reply(
          '즐거웠겠어요. (솔직히 말하면, 저는 언어 모델이 아니라 간단한 대역이에요. OPENAI_API_KEY를 설정하면 돼요.) 뭘 마셨어요?',
        ),
      ),
    ).toBe('즐거웠겠어요. 뭘 마셨어요?');
  });

  it('shows no part of the note while it is still being written', () => {
    expect(shownText(reply('That sounds like fun. (One honest note: I am'))).toBe('That sounds like fun.');
  });

  it('keeps every word of a reply written by a model, brackets and all', () => {
    const text = 'You could set OPENAI_API_KEY (the variable named in the README) and restart.';
    expect(shownText(reply(text, 'gpt-4.1-mini'))).toBe(text);
  });
});

describe('a reply the person stopped', () => {
  it('shows only what was on screen when Stop was pressed, on a reload or another device', () => {
    const stopped = {
      ...reply(`Getting through a moment like that ${note} takes`, 'a-model'),
      metadata: { generated_by: 'a-model', haru_shown: '17' },
    } as unknown as Message;
    expect(shownText(stopped)).toBe('Getting through a');
    const offline = {
      ...reply(`Mm, I hear you. ${note} What`),
      metadata: { generated_by: offlineCompanion, haru_shown: '3' },
    } as unknown as Message;
    expect(shownText(offline)).toBe('Mm,');
    expect(shownText(reply('No mark, all of it', 'a-model'))).toBe('No mark, all of it');
  });
});
