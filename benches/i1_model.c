/* An instruction-cache model for placement questions (issue 28, session 22, H150): how many
 * I1 misses a run would have if a range of its code sat elsewhere, without a build.
 *
 *   valgrind --tool=lackey --trace-mem=yes target/release/jixiao parse --format jsonl CUT \
 *     2>&1 >/dev/null | awk '/^I/ {print $2}' > trace.txt
 *   cc -O2 -o i1_model benches/i1_model.c
 *   ./i1_model LO HI DELTA < trace.txt     (hex runtime addresses; valgrind loads a PIE at
 *                                            0x108000: runtime = `nm` address + 0x108000)
 *
 * Each traced instruction ("addr,size") in [LO, HI) is moved by DELTA bytes, then fetched
 * through a 32 KB, 8-way, 64-byte-line LRU cache (cachegrind's model of
 * `--I1=32768,8,64`); an instruction across two lines fetches both. On the 1/100 parse cut it
 * counted 168,464 misses where cachegrind counted 165,429. It prints the instructions and the
 * misses.
 *
 *   ./i1_model LO HI DELTA OUTER_LO OUTER_HI < trace.txt
 *
 * moves the other way round (session 23, H165): every instruction in [OUTER_LO, OUTER_HI) but
 * not in [LO, HI) by DELTA, the range itself held. For a block whose start is held on a 4 KB
 * line (the parse hot section since H165), an edit elsewhere moves the rest of the binary's
 * code (OUTER: the binary's .text) against it and against libc, not the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SETS 64
#define WAYS 8

static unsigned long tags[SETS][WAYS], stamp[SETS][WAYS], now;
static long misses;

static void fetch(unsigned long line) {
  int set = (int)(line % SETS), victim = 0;
  now++;
  for (int w = 0; w < WAYS; w++)
    if (tags[set][w] == line + 1) {
      stamp[set][w] = now;
      return;
    }
  misses++;
  for (int w = 1; w < WAYS; w++)
    if (stamp[set][w] < stamp[set][victim]) victim = w;
  tags[set][victim] = line + 1;
  stamp[set][victim] = now;
}

int main(int argc, char **argv) {
  if (argc != 4 && argc != 6) {
    fprintf(stderr, "usage: i1_model LO HI DELTA [OUTER_LO OUTER_HI] < trace\n");
    return 2;
  }
  unsigned long lo = strtoul(argv[1], 0, 16), hi = strtoul(argv[2], 0, 16);
  int outer = argc == 6;
  unsigned long olo = outer ? strtoul(argv[4], 0, 16) : 0, ohi = outer ? strtoul(argv[5], 0, 16) : 0;
  long delta = atol(argv[3]), n = 0;
  char buf[64];
  while (fgets(buf, sizeof buf, stdin)) {
    char *comma = strchr(buf, ',');
    if (!comma) continue;
    *comma = 0;
    unsigned long a = strtoul(buf, 0, 16);
    int size = atoi(comma + 1);
    int inside = a >= lo && a < hi;
    if (outer ? (!inside && a >= olo && a < ohi) : inside) a += delta;
    n++;
    unsigned long first = a >> 6, last = (a + size - 1) >> 6;
    fetch(first);
    if (last != first) fetch(last);
  }
  printf("%ld instructions, I1 misses %ld\n", n, misses);
  return 0;
}
