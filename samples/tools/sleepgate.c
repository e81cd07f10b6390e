/*
 * libsleepgate.so: a test aid for the sample programs, preloaded with
 * LD_PRELOAD.  It replaces sleep(), usleep(), nanosleep() and
 * clock_nanosleep() so that the seed programs, which pace themselves with
 * sleep(1) (writer: 26 s, shmwrite: 50 s, reader: forever), run in a test
 * without waiting and without using time for synchronisation.
 *
 *   SLEEPGATE unset or empty   every sleep returns 0 at once.
 *   SLEEPGATE=IN,OUT           (two inherited file descriptors) every sleep
 *                              first writes one byte 's' to OUT (the test
 *                              learns "the program has reached its next
 *                              sleep"), then reads one byte from IN and
 *                              returns 0; the byte 'q' makes the program
 *                              exit(0) there instead (stdio is flushed).
 *                              End of file or an error on IN: return 0.
 *
 * It touches no shared memory call; it only changes how long sleeps last.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int gate_in = -1, gate_out = -1, gate_read;

static void gate_init(void)
{
	const char *s;
	char *end;
	long in, out;

	if (gate_read)
		return;
	gate_read = 1;
	s = getenv("SLEEPGATE");
	if (s == NULL || *s == '\0')
		return;
	in = strtol(s, &end, 10);
	if (*end != ',' || in < 0)
		return;
	out = strtol(end + 1, &end, 10);
	if (*end != '\0' || out < 0)
		return;
	gate_in = (int)in;
	gate_out = (int)out;
}

static void gate(void)
{
	char c = 's';
	ssize_t n;
	int saved = errno;

	gate_init();
	if (gate_in < 0) {
		errno = saved;
		return;
	}
	do
		n = write(gate_out, &c, 1);
	while (n < 0 && errno == EINTR);
	do
		n = read(gate_in, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n == 1 && c == 'q')
		exit(0);
	errno = saved;
}

unsigned int sleep(unsigned int seconds)
{
	(void)seconds;
	gate();
	return 0;
}

int usleep(useconds_t usec)
{
	(void)usec;
	gate();
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	(void)req;
	gate();
	if (rem != NULL) {
		rem->tv_sec = 0;
		rem->tv_nsec = 0;
	}
	return 0;
}

int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	(void)clk;
	(void)flags;
	return nanosleep(req, rem);
}
