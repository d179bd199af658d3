class FactdbError(Exception):
    """The one domain error: bad input or a request the data does not allow.

    `fields` maps an input field to its messages, so the API can answer 400
    with field errors and a command can print one line.
    """

    # The HTTP status the API answers with; a subclass says 409 for a clash with stored data.
    status = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    @classmethod
    def on(cls, field: str, message: str) -> "FactdbError":
        return cls(f"{field}: {message}", fields={field: [message]})


class FactdbConflict(FactdbError):
    """Well-formed input that clashes with what is stored (a URL another article has)."""

    status = 409


class FactdbUnprocessable(FactdbError):
    """Input of the right form whose content cannot be used (HTML that holds no article text)."""

    status = 422
