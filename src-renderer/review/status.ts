import type { Review } from '../../src-main/core/api/contract';

export type ReviewStatus = Review['status'];
import type { T } from '../i18n';

/** The four review states, in the order the panel and the facet show them (the contract's list). */
export { REVIEW_STATUSES as REVIEW_STATUS_LIST } from '../../src-main/core/api/constants';

/** 'in review' -> 'in-review', for test ids and class names. */
export const statusSlug = (status: string) => status.replace(/[^a-z]+/gi, '-');

export function reviewStatusLabel(t: T, status: string): string {
  switch (status) {
    case 'unreviewed':
      return t('review.status.unreviewed');
    case 'in review':
      return t('review.status.inReview');
    case 'pass':
      return t('review.status.pass');
    case 'fail':
      return t('review.status.fail');
    default:
      return status;
  }
}
