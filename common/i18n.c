// SPDX-License-Identifier: GPL-2.0
/*
 * common/i18n.c - gettext set up so that it works where the kit runs: on
 * a host that never generated the zh_CN locale, and in the static busybox
 * guest, which has no locale but C.UTF-8's message category. Plus widths
 * and line breaks by display column, for text with CJK characters in it.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

int i18n_on;

/* is_c_locale: true for the locales in which gettext never translates. */
static int is_c_locale(const char *name)
{
	return !name || !*name || !strcmp(name, "C") || !strcmp(name, "POSIX");
}

/* messages_locale: the locale the environment names for messages. */
static const char *messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	size_t k;

	for (k = 0; k < sizeof(vars) / sizeof(vars[0]); k++) {
		const char *v = getenv(vars[k]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * Open @domain's catalogue in the language the environment asks for.
 * glibc translates only in a locale it can load, and ignores LANGUAGE in
 * the C locale: when the named locale is missing, or only LANGUAGE names
 * a language, use C.UTF-8 (glibc ships it; the guest carries it) with
 * the language in LANGUAGE.
 */
void i18n_init(const char *domain)
{
	const char *dir = getenv("TEXTDOMAINDIR");
	const char *want = messages_locale();
	const char *language = getenv("LANGUAGE");

	/*
	 * A static glibc links a locale category in only when something reads
	 * it: without this read setlocale(LC_MESSAGES) loads nothing.
	 */
	(void)nl_langinfo(YESEXPR);
	if (!setlocale(LC_MESSAGES, "") && !is_c_locale(want)) {
		if (!language || !*language) {
			char lang[32];

			snprintf(lang, sizeof(lang), "%.*s",
				 (int)strcspn(want, ".@"), want);
			setenv("LANGUAGE", lang, 1);
		}
		setlocale(LC_MESSAGES, "C.UTF-8");
	} else if (language && *language &&
		   is_c_locale(setlocale(LC_MESSAGES, NULL))) {
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain(domain, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(domain, "UTF-8");
	/* strerror()'s words, glibc's own catalogue: UTF-8 too, not '?'. */
	bind_textdomain_codeset("libc", "UTF-8");
	textdomain(domain);
	/* A catalogue's header is the translation of "". */
	i18n_on = *gettext("") != '\0';
}

/*
 * next_char: decode the UTF-8 character at @s (at most @len bytes) into
 * @cp; returns its length. A stray byte counts as one character.
 */
static size_t next_char(const char *s, size_t len, unsigned int *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, k;

	if (u[0] < 0x80 || (u[0] & 0xe0) == 0x80) {
		*cp = u[0];
		return 1;
	}
	n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
	if (n > len) {
		*cp = u[0];
		return 1;
	}
	*cp = u[0] & (0x3f >> (n - 1));
	for (k = 1; k < n; k++) {
		if ((u[k] & 0xc0) != 0x80) {
			*cp = u[0];
			return 1;
		}
		*cp = *cp << 6 | (u[k] & 0x3f);
	}
	return n;
}

/*
 * is_wide: East Asian wide and fullwidth characters, which a terminal
 * draws two columns wide: Hangul Jamo, CJK punctuation, kana and
 * ideographs, Hangul syllables, compatibility ideographs and forms,
 * fullwidth forms and the supplementary ideographic planes. Independent
 * of the locale, so widths are the same on the host and in the guest.
 */
static int is_wide(unsigned int cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	       (cp >= 0x2e80 && cp <= 0x303e) ||
	       (cp >= 0x3041 && cp <= 0x33ff) ||
	       (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) ||
	       (cp >= 0xa000 && cp <= 0xa4cf) ||
	       (cp >= 0xac00 && cp <= 0xd7a3) ||
	       (cp >= 0xf900 && cp <= 0xfaff) ||
	       (cp >= 0xfe30 && cp <= 0xfe4f) ||
	       (cp >= 0xff00 && cp <= 0xff60) ||
	       (cp >= 0xffe0 && cp <= 0xffe6) ||
	       (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Columns that @len bytes of UTF-8 @s take on a terminal. */
int text_width(const char *s, size_t len)
{
	int width = 0;

	while (len && *s) {
		unsigned int cp;
		size_t n = next_char(s, len, &cp);

		width += is_wide(cp) ? 2 : 1;
		s += n;
		len -= n;
	}
	return width;
}

/* Print @s, then spaces up to @width columns (at least one space). */
void put_padded(FILE *out, const char *s, int width)
{
	int pad = width - text_width(s, strlen(s));

	fputs(s, out);
	do
		fputc(' ', out);
	while (--pad > 0);
}

/* no_break_before: CJK punctuation that must not start a line. */
static int no_break_before(unsigned int cp)
{
	static const unsigned int closing[] = {
		0x3001, 0x3002, 0xff0c, 0xff0e, 0xff1a, 0xff1b, 0xff01,
		0xff1f, 0xff09, 0x300d, 0x300f, 0x300b, 0x3011, 0x201d,
	};
	size_t k;

	for (k = 0; k < sizeof(closing) / sizeof(closing[0]); k++)
		if (cp == closing[k])
			return 1;
	return 0;
}

/* no_break_after: CJK punctuation that must not end a line. */
static int no_break_after(unsigned int cp)
{
	return cp == 0xff08 || cp == 0x300c || cp == 0x300e ||
	       cp == 0x300a || cp == 0x3010 || cp == 0x201c;
}

/*
 * unit_follows: true when @s, just after a space, is a unit of at most
 * three letters (kB, KiB, MiB, ms, s) ending its word: a number and its
 * unit stay on one line.
 */
static int unit_follows(const char *s)
{
	size_t n = 0;

	while (n < 4 && ((s[n] >= 'a' && s[n] <= 'z') ||
			 (s[n] >= 'A' && s[n] <= 'Z')))
		n++;
	return n > 0 && n <= 3 && (s[n] == '\0' || s[n] == ' ' || s[n] == '\n' ||
				   (unsigned char)s[n] >= 0x80 || s[n] == ',' ||
				   s[n] == ')' || s[n] == '.' || s[n] == ';');
}

/*
 * Print @text from column @col, breaking before column @limit at a space
 * (which is dropped; not between a number and its unit) or between two
 * characters when either is wide; each continuation line starts with
 * @indent spaces. A line with no break opportunity runs long rather than
 * splitting a word.
 */
void put_wrapped(FILE *out, int col, int indent, int limit, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *e = p, *brk = NULL, *resume = NULL;
		unsigned int prev = ' ';
		int w = col;

		while (*e && *e != '\n') {
			unsigned int cp;
			size_t n = next_char(e, strlen(e), &cp);
			int cw = is_wide(cp) ? 2 : 1;

			if (cp == ' ' && !(prev >= '0' && prev <= '9' &&
					   unit_follows(e + 1))) {
				brk = e;
				resume = e + 1;
			} else if (e > p && (is_wide(cp) || is_wide(prev)) &&
				   prev != ' ' && !no_break_before(cp) &&
				   !no_break_after(prev)) {
				brk = e;
				resume = e;
			}
			if (w + cw > limit && brk)
				break;
			w += cw;
			prev = cp;
			e += n;
		}
		if (!*e) {
			fputs(p, out);
			break;
		}
		if (*e == '\n') {
			brk = e;
			resume = e + 1;
		}
		fwrite(p, 1, (size_t)(brk - p), out);
		fprintf(out, "\n%*s", indent, "");
		col = indent;
		p = resume;
	}
	fputc('\n', out);
}
