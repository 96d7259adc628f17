"""From forecast contacts to required agents: Erlang C, Erlang A and staffing policy.

Everything here is pure computation on numbers and solver models; no file or network I/O.
"""
