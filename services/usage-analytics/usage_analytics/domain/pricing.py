"""List prices of the models the intelligence service calls, and the estimated cost of one attempt.

Prices are Anthropic's standard (not Message Batches) prices per million tokens, as recorded in
docs/reference/anthropic-api.md. A model without a price here is counted but not costed
(`unpriced_requests`), so a new model shows up in the report instead of costing nothing.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MILLION = Decimal(1_000_000)
CENT_FRACTION = Decimal("0.000001")


@dataclass(frozen=True)
class ModelPrice:
    input_per_million_usd: Decimal
    output_per_million_usd: Decimal


PRICES: dict[str, ModelPrice] = {
    "claude-haiku-4-5": ModelPrice(input_per_million_usd=Decimal("1"), output_per_million_usd=Decimal("5")),
}


def price_of(model: str, prices: dict[str, ModelPrice] = PRICES) -> ModelPrice | None:
    """The price of a model id, or of the model a dated snapshot id (`<model>-20251001`) belongs to."""
    if model in prices:
        return prices[model]
    family = [name for name in prices if model.startswith(f"{name}-")]
    return prices[max(family, key=len)] if family else None


def estimate_cost_usd(price: ModelPrice, input_tokens: int, output_tokens: int) -> Decimal:
    """What one attempt cost at list price, to the millionth of a dollar."""
    cost = (Decimal(input_tokens) * price.input_per_million_usd + Decimal(output_tokens) * price.output_per_million_usd) / MILLION
    return cost.quantize(CENT_FRACTION, rounding=ROUND_HALF_UP)
