"""Dict and str work: word counts, string building and formatting."""

WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu "
         "nu xi omicron pi rho sigma tau upsilon phi chi psi omega").split()


def make_text(count):
    parts = []
    for i in range(count):
        parts.append(WORDS[(i * 7 + i // 3) % len(WORDS)])
    return " ".join(parts)


def word_counts(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def report(counts):
    lines = []
    for word in sorted(counts):
        lines.append(f"{word:>8}: {counts[word]:5d} {word.upper()[:3]}")
    return "\n".join(lines)


def main(n=20000):
    text = make_text(n)
    total = 0
    for _ in range(5):
        total += len(report(word_counts(text)))
    return total
