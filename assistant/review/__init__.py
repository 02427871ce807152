"""Review of the AM's own text (an email, a call plan, a talk track) against the rules.

The same check catalogue as the approval gate (rules/drafts/) plus review-only checks
(rules/review/), sentence by sentence, with character offsets. Public API: `review_text`,
`load_review_rules`, `ReviewResult` and its parts in `assistant.review.models`.
"""

from assistant.review.loader import ReviewRules, load_review_rules
from assistant.review.models import ReviewResult
from assistant.review.review import review_text

__all__ = ["review_text", "load_review_rules", "ReviewRules", "ReviewResult"]
