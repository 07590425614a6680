/** The topics' keys and the shape of one language's phrasing (phrases-en.ts, phrases-es.ts), compiled by topics.ts. */
export const TOPIC_KEYS = ['billing', 'delivery', 'password', 'complaint', 'refund', 'product', 'cancellation'] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

export interface TopicPhrases {
  subjects: string[];
  openers: string[];
  details: string[];
  followUps: string[];
  answers: string[];
  comments: string[];
}
