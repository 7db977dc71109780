// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import {Tender} from "../types/Tender.sol";

/// @title ITenderSigned
/// @notice What the escrow does on a signature rather than a prior transaction, answered at the escrow's address by
/// its signed-actions module: a job funded in one transaction through the buyer's ERC-2612 permit, and a supplier's
/// actions that need no ETH done on its EIP-712 signature by whoever submits it (a relayer), so the supplier needs no
/// gas. A signed action names its signer, an optional relayer, an unordered nonce and a deadline ({Tender-Signed});
/// the domain is "Tender" version "1" with the chain id and the escrow's address ({IERC5267-eip712Domain}).
/// @dev A permit is tried and may fail without sinking the call: anyone who saw it in the mempool can submit it to
/// the token first, and the allowance it gave is then already there. Only an allowance short of what the call pulls
/// refuses it ({PermitAllowanceShort}). Tokens are pulled only from the caller, or from the verified signer of a
/// signed bid (its bond).
interface ITenderSigned is IERC5267 {
    /// @notice A permit was given for a job in ETH, or a signed bid would need an ETH bond: ETH comes only as the
    /// value of its owner's own call.
    error PermitForEth();
    /// @notice After the permit (used by this call or before it), the escrow may pull less than the call needs.
    error PermitAllowanceShort(address token, address owner, uint256 allowance, uint256 needed);
    /// @notice A signed action submitted at or after its deadline.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not `signer`'s over this action on this chain and escrow (ECDSA, or ERC-1271 for a
    /// contract wallet).
    error InvalidSignature(address signer);
    /// @notice A signed action that names its relayer, submitted by someone else.
    error NotRelayer(address relayer, address sender);
    /// @notice The signer's nonce was used already (by an action, or invalidated).
    error NonceUsed(address signer, uint256 nonce);

    /// @notice `signer` spent the nonces set in `mask` of its bitmap's word `word` without an action.
    event NoncesInvalidated(address indexed signer, uint256 word, uint256 mask);

    /// @notice {ITenderEscrow-postDirectHire} in an ERC-20, its price pulled through `permit` in the same transaction.
    function postDirectHireWithPermit(Tender.DirectHire calldata hire, Tender.Permit calldata permit)
        external
        returns (uint256 jobId);

    /// @notice {ITenderMarket-postRFQ} in an ERC-20, its maximum price pulled through `permit` in the same transaction.
    function postRFQWithPermit(Tender.RFQ calldata rfq, Tender.Permit calldata permit) external returns (uint256 jobId);

    /// @notice {ITenderEscrow-deliver} on the supplier's signature: typed data `Deliver(address signer,uint256 jobId,
    /// uint256 milestone,bytes32 deliverableHash,string uri,address relayer,uint256 nonce,uint256 deadline)`, where
    /// `milestone` is the milestone in progress (0 for a job paid at once).
    function deliverBySig(uint256 jobId, bytes32 deliverableHash, string calldata uri, Tender.Signed calldata signed)
        external;

    /// @notice {ITenderMarket-bid} on the bidder's signature, its bond (if the floors ask one) pulled from the signer
    /// through `bondPermit` (tried; an allowance already there does as well): typed data
    /// `Bid(address signer,uint256 jobId,uint96 price,address token,uint96 bond,address relayer,uint256 nonce,
    /// uint256 deadline)`, where `token` and `bond` are the RFQ's (its bond: bondBps of its maximum price). The floors
    /// are the RFQ's, as posted (anyone can pass them: they must match). An ETH bond cannot be signed for.
    function bidBySig(
        uint256 jobId,
        uint96 price,
        Tender.Floors calldata floors,
        Tender.Permit calldata bondPermit,
        Tender.Signed calldata signed
    ) external;

    /// @notice {ITenderArbitration-respond} on the supplier's signature, its fee (the arbitrator's share of the
    /// dispute's stake, as the buyer paid) pulled from the signer through `feePermit` (tried; an allowance already
    /// there does as well): typed data `Respond(address signer,uint256 jobId,uint256 milestone,string responseURI,
    /// address token,uint96 fee,address relayer,uint256 nonce,uint256 deadline)`, where `milestone` is the one in
    /// progress (0 for a job paid at once) and `token` and `fee` the dispute's. A fee in ETH cannot be signed for.
    function respondBySig(
        uint256 jobId,
        string calldata responseURI,
        Tender.Permit calldata feePermit,
        Tender.Signed calldata signed
    ) external;

    /// @notice {ITenderMarket-improveBid} on the bidder's signature: typed data
    /// `ImproveBid(address signer,uint256 jobId,uint96 price,address relayer,uint256 nonce,uint256 deadline)`.
    function improveBidBySig(uint256 jobId, uint96 price, Tender.Signed calldata signed) external;

    /// @notice {ITenderMarket-reclaimBond} on the bidder's signature (the bond goes to the signer): typed data
    /// `ReclaimBond(address signer,uint256 jobId,address relayer,uint256 nonce,uint256 deadline)`.
    function reclaimBondBySig(uint256 jobId, Tender.Signed calldata signed) external;

    /// @notice {ITenderEscrow-withdraw} of the signer's whole credit in `token` at submission, on its signature: typed
    /// data `Withdraw(address signer,address token,address to,address relayer,uint256 nonce,uint256 deadline)`.
    function withdrawBySig(address token, address to, Tender.Signed calldata signed) external returns (uint256 amount);

    /// @notice Spends the caller's nonces set in `mask` of word `word` (bit `nonce & 255` of word `nonce >> 8`), so
    /// that actions signed with them can never be submitted.
    function invalidateNonces(uint256 word, uint256 mask) external;

    /// @notice The word `word` of `signer`'s nonce bitmap: a set bit is a spent nonce.
    function nonceBitmap(address signer, uint256 word) external view returns (uint256);
}
