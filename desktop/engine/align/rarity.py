"""How much a word says, from its frequency in general English.

Two articles alone cannot tell that "withhold" is rarer than "company": counted in two
texts, both may appear once. A word-frequency list of general English (wordfreq, built
from Wikipedia, news, subtitles, books and the web) gives that prior, so the weights of
a pair of articles do not depend on which other articles happen to be loaded.
"""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency

# Zipf scale: log10 of occurrences per billion words; "the" is 7.7, "company" 5.6,
# "withhold" 3.3; 0 for words the list does not know (names, typos, jargon).
ZIPF_CEILING = 7.5
MIN_INFO = 0.5  # a very common word still says a little
MAX_INFO = 6.0  # unknown words: as informative as a rare word, no more


@functools.lru_cache(maxsize=200_000)
def info(word: str) -> float:
    """Information of a (lower-case) word: 7.5 minus its Zipf frequency, clipped to 0.5..6."""
    zipf = zipf_frequency(word, "en")
    return min(MAX_INFO, max(MIN_INFO, ZIPF_CEILING - zipf))
