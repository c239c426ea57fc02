"""Values: what a written figure, unit, date or change word means, as exact intervals and
dimensions. Every later stage reads figures through these modules."""
