/* rng.h: a counter-based generator (SplitMix64's finaliser). The value is a
 * pure function of (seed, stream, counter), so a decision made in any
 * process or thread is replayable from the seed alone, needs no lock, and
 * never touches libc's random() stream, which belongs to the program. */
#ifndef SHMFAULT_RNG_H
#define SHMFAULT_RNG_H

#include <stdint.h>

static inline uint64_t sf_mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t sf_rng(uint64_t seed, uint64_t stream, uint64_t counter)
{
	return sf_mix64(seed ^ sf_mix64(stream ^ sf_mix64(counter)));
}

#endif
