import { describe, expect, it } from 'vitest';
import { shownBody } from '../../src/wechat/bodies.ts';
import { inlineMarkdown } from '../../src/result/markdown.ts';

describe('shownBody', () => {
  it('shows the keys of env_params, never the values', () => {
    const body = { env_id: 'e', env_params: JSON.stringify({ DB_PASSWORD: 'hunter2', MODE: 'blue' }) };
    expect(shownBody(body)).toEqual({ env_id: 'e', env_params: '{"DB_PASSWORD":"***","MODE":"***"}' });
    expect(body.env_params).toContain('hunter2');
  });

  it('shows nothing of env_params it cannot read', () => {
    expect(shownBody({ env_params: 'PASSWORD=hunter2' })).toEqual({ env_params: '{}' });
  });
});

describe('inlineMarkdown', () => {
  it('keeps platform text from becoming markup, a link, HTML or a new line', () => {
    // A link GitHub would find after rendering goes into a code span, where nothing renders.
    expect(inlineMarkdown('v1 *bold* [x](http://e) <img src=x>\n## h')).toBe('`v1 *bold* [x](http://e) <img src=x> ## h`');
    expect(inlineMarkdown('v1 *bold* <img src=x>\n## h')).toBe('v1 &#42;bold&#42; &lt;img src=x&gt; ## h');
    expect(inlineMarkdown('shop-api-001 90%')).toBe('shop-api-001 90%');
  });
});
