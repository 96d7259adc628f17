"""The caller notice: where a queue's calls are answered from, for the telephony system."""
