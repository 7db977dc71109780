// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderSealed
/// @notice Sealed bids ({Tender-AwardMode-SealedLowestPrice}), answered at the escrow's address by its signed-actions
/// module. A bidder commits `keccak256(abi.encode(chainId, escrow, jobId, supplier, price, salt))` before the bid
/// deadline, posting the bond and meeting the floors then; it reveals `price` and `salt` in the reveal window (the
/// RFQ's award window, after the bid deadline); then anyone awards the lowest revealed price ({ITenderMarket-award};
/// of equal prices, the lower commit sequence number). The errors and events are {ITenderMarket}'s.
/// @dev A sealed bid hides its price until the reveal, not that a bid was made nor by whom: the commit's sender (or
/// signer), its bond and its time are public. A commitment never revealed at a valid price forfeits its bond to the
/// buyer, whatever becomes of the RFQ; an RFQ whose reveal window ends with no valid price lapses (the buyer, then
/// anyone, cancels it).
interface ITenderSealed {
    /// @notice Commits the caller's sealed bid on a sealed-bid RFQ whose `floors` it meets, posting the bond they ask
    /// for (ETH as msg.value, an ERC-20 approved to the escrow).
    /// @dev Emits {ITenderMarket-BidCommitted}. Requirements: Open; sealed mode; before the bid deadline; a non-zero
    /// commitment; the caller neither the buyer nor the arbitrator, with no earlier bid; `floors` as posted, each met.
    function commit(uint256 jobId, bytes32 commitment, Tender.Floors calldata floors) external payable;

    /// @notice {commit} on the bidder's signature, its bond pulled from the signer through `bondPermit` (tried; an
    /// allowance already there does as well): typed data `Commit(address signer,uint256 jobId,bytes32 commitment,
    /// address token,uint96 bond,address relayer,uint256 nonce,uint256 deadline)`, where `token` and `bond` are the
    /// RFQ's. An ETH bond cannot be signed for.
    function commitBySig(
        uint256 jobId,
        bytes32 commitment,
        Tender.Floors calldata floors,
        Tender.Permit calldata bondPermit,
        Tender.Signed calldata signed
    ) external;

    /// @notice Opens `supplier`'s commitment. Anyone may submit it: the commitment names the supplier, so its opening
    /// is all the authority a reveal needs (a relayer can carry it, and needs no signature).
    /// @dev Emits {ITenderMarket-BidRevealed}. Requirements: Open; sealed mode; at or after the bid deadline and
    /// before the reveal deadline; an unrevealed commitment that `price` and `salt` open. A price of 0 or above the
    /// maximum spends the commitment but is no bid: it cannot win, and its bond is forfeit as an unrevealed one's.
    function reveal(uint256 jobId, address supplier, uint96 price, bytes32 salt) external;

    /// @notice Sends the bond of `supplier`'s sealed bid never revealed at a valid price to the job's buyer. Anyone may
    /// call it once the reveal window has ended.
    /// @dev Emits {ITenderMarket-BondForfeited}. Requirements: a sealed bid with its bond and no valid reveal; at or
    /// after the reveal deadline.
    function forfeitBond(uint256 jobId, address supplier) external;
}
