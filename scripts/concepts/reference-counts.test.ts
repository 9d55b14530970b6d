import { describe, expect, it } from 'vitest';
import { termIndex } from '../../src/captioner/concepts/index';
import { referenceCounts } from './reference-counts';

const terms = termIndex({ dog: ['dog', 'dogs', 'puppy'], person: ['man', 'men', 'people', 'woman', 'women'] });

describe('referenceCounts', () => {
  it('reads numbers, singulars and plurals', () => {
    expect(referenceCounts(['Two dogs play in the snow .'], terms)).toEqual({ dog: [2] });
    expect(referenceCounts(['A man walks his dog .'], terms)).toEqual({ person: [1], dog: [1] });
    expect(referenceCounts(['A group of people stand .', 'Men on a bench'], terms)).toEqual({ person: [-1, -1] });
    expect(referenceCounts(['A man and two women .'], terms)).toEqual({ person: [2] });
    expect(referenceCounts(['A man and a woman sit with a dog .'], terms)).toEqual({ person: [2], dog: [1] });
  });
});
