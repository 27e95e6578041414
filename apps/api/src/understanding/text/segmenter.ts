import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { STOP_WORDS, charBigrams } from '@hotline/domain';
import { PROJECT_DICTIONARY } from './project-dictionary';

/** Single characters that carry no meaning on their own; other single characters (煤, 水, 电) stay for the model. */
const FUNCTION_CHARS = new Set('的了是在我你他她它们和与及或也都就还吗呢吧啊呀哦请把被给让有这那个要会能对从到为上下里中很又再而但着过'.split(''));
const MEANINGFUL = /[\p{Script=Han}A-Za-z]/u;

/**
 * Chinese word segmentation (jieba, with the project dictionary and an optional deployment dictionary).
 * One instance per process: loading the dictionaries takes a few hundred milliseconds, cutting a 500-character
 * text a few tens of microseconds.
 */
export class Segmenter {
  private readonly jieba: Jieba;

  constructor(extraDictionary?: string) {
    this.jieba = Jieba.withDict(dict);
    this.jieba.loadDict(Buffer.from(PROJECT_DICTIONARY.trim()));
    if (extraDictionary) this.jieba.loadDict(Buffer.from(extraDictionary));
  }

  /** Every word as jieba cuts it (HMM on, so unknown names hold together). */
  cut(text: string): string[] {
    return this.jieba.cut(text, true);
  }

  /** Words for the routing model: no punctuation, digits, stop words or function characters. */
  tokens(text: string): string[] {
    return this.cut(text.toLowerCase()).filter((w) => MEANINGFUL.test(w) && !FUNCTION_CHARS.has(w) && !STOP_WORDS.has(w));
  }

  /**
   * The routing model's features: a title's words count twice (a citizen's summary of the problem), the body in
   * search mode (long words also give their parts). Chosen by `npm run eval:routing` (docs/benchmarks.md).
   */
  routingFeatures(content: string, title?: string): string[] {
    const t = title ? this.tokens(title) : [];
    return [...t, ...t, ...this.searchTerms(content)];
  }

  /**
   * The models' features (departments and urgency): the words in search mode, and the text's character bigrams,
   * which survive wording nobody wrote down (一股煤气的味道 shares 煤气 and 气味-like pairs with 煤气味).
   */
  features(text: string): string[] {
    return [...this.searchTerms(text), ...charBigrams(text).map((b) => `~${b}`)];
  }

  /** Words of two characters or more without stop words: similarity, keywords, search. */
  terms(text: string): string[] {
    return this.tokens(text).filter((w) => w.length >= 2);
  }

  /** Search mode: long words also give their shorter parts (学位房 -> 学位, 学位房), for matching queries to articles. */
  searchTerms(text: string): string[] {
    return this.jieba.cutForSearch(text.toLowerCase(), true).filter((w) => w.length >= 2 && MEANINGFUL.test(w) && !STOP_WORDS.has(w));
  }
}

let shared: Segmenter | undefined;

/** The process's segmenter, with CLASSIFIER_DICT_PATH's words when that setting names a file. */
export function segmenter(): Segmenter {
  if (!shared) {
    const path = process.env.CLASSIFIER_DICT_PATH;
    shared = new Segmenter(path ? readFileSync(path, 'utf8') : undefined);
  }
  return shared;
}
