"""extract: sentences, actors, event types, dates, modality and claims from English text."""
