/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common/i18n.h - messages in the reader's language (gettext), and text
 * laid out by display columns, so Chinese lines up as English does.
 */
#ifndef RLK_I18N_H
#define RLK_I18N_H

#include <libintl.h>
#include <stddef.h>
#include <stdio.h>

/*
 * 1 once i18n_init() has opened a catalogue for the reader's language:
 * English (the default) then costs no gettext() lookup per message.
 */
extern int i18n_on;

/* A message to translate; N_ marks one translated later, where it is used. */
#define _(msgid) (i18n_on ? gettext(msgid) : (msgid))
#define N_(msgid) (msgid)

/*
 * Choose the language from the environment (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG) and open @domain's catalogue: in $TEXTDOMAINDIR if
 * set, else in LOCALEDIR. English when nothing asks for another language.
 */
void i18n_init(const char *domain);

/* Columns that @len bytes of UTF-8 @s take on a terminal (CJK: 2 each). */
int text_width(const char *s, size_t len);

/* Print @s, then spaces up to @width columns (at least one space). */
void put_padded(FILE *out, const char *s, int width);

/*
 * Print @text starting at column @col, breaking lines before column
 * @limit at spaces or between CJK characters; each continuation line
 * starts with @indent spaces. A '\n' in @text starts a continuation line.
 * Ends with a newline.
 */
void put_wrapped(FILE *out, int col, int indent, int limit, const char *text);

#endif /* RLK_I18N_H */
